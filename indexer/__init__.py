"""Reading, cleaning, splitting, tagging and indexing source documents."""
