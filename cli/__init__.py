"""The `archive` command line. It sits above both `indexer/` (index) and `web/` (serve), so it is
its own top-level package: `archive/` (the core both use) never imports either of them."""
