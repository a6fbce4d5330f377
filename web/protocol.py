"""HTTP hygiene for every response: JSON errors under /api, security headers, and requests
refused early and clearly (an over-long URL, bytes that are not UTF-8)."""

from __future__ import annotations

import re
from urllib.parse import unquote, unquote_to_bytes

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError, RequestURITooLarge

# Longest request target answered (path and query, in bytes as sent). A query is at most 500
# characters (archive/config.py): 500 CJK characters percent-encoded are 4,500 bytes, plus
# filters. gunicorn refuses request lines over its limit_request_line (set to 8190 in
# web/server.py) before the app sees them.
MAX_URL_BYTES = 8000

# Pages use only the app's own stylesheet and script (no inline script, style or handler), so
# the policy can forbid everything else; frame-ancestors 'none' (and X-Frame-Options for old
# browsers) stops the pages being framed for clickjacking.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    app.config.setdefault("MAX_CONTENT_LENGTH", 1 << 20)  # the app takes no uploads
    app.before_request(check_request)
    app.after_request(security_headers)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, unexpected)


def is_api() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def check_request() -> Response | None:
    """Refuse an over-long URL (414) and a path or query that is not UTF-8 (400), naming
    the parameter and the byte, before any view decodes them."""
    env = request.environ
    target = (
        env.get("RAW_URI")
        or env.get("REQUEST_URI")
        or (env.get("PATH_INFO", "") + ("?" + env["QUERY_STRING"] if env.get("QUERY_STRING") else ""))
    )
    if len(target) > MAX_URL_BYTES:
        if not is_api() and request.path == "/" and request.args.get("q"):
            # a pasted query over the limit: the search page says so, with the text still in the box
            from .searchpage import too_long

            return too_long(request.args.get("q", ""))
        request.query_string = b""
        raise RequestURITooLarge(f"the URL is {len(target):,} bytes long (at most {MAX_URL_BYTES:,})")
    try:
        env.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
    except UnicodeDecodeError as exc:
        request.query_string = b""
        raise BadRequest(f"the URL path is not UTF-8 (byte {exc.start:,})") from None
    message = undecodable_parameter(request.query_string)
    if message:
        request.query_string = b""  # so that the error page itself can read the arguments
        raise BadRequest(message)
    return None


def undecodable_parameter(query_string: bytes) -> str | None:
    """The first parameter whose value (or name) is not UTF-8, as a message; else None."""
    for pair in query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        for what, raw in (("name", name), ("value", value)):
            data = unquote_to_bytes(raw.replace(b"+", b" "))
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                label = unquote(name.decode("latin-1"), errors="replace")
                return (
                    f"parameter {label!r}: its {what} is not UTF-8 text "
                    f"(byte 0x{data[exc.start]:02X} at offset {exc.start:,})"
                )
    return None


def security_headers(resp: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        resp.headers.setdefault(k, v)
    return resp


def http_error(exc: HTTPException):
    """Every HTTP error: JSON {"error", "status"} under /api, the error page elsewhere."""
    status = exc.code or 500
    message = exc.description if exc.description and exc.description != type(exc).description else exc.name
    if is_api():
        resp = jsonify({"error": message, "status": status})
        resp.status_code = status
        if status == 405 and exc.get_response().headers.get("Allow"):
            resp.headers["Allow"] = exc.get_response().headers["Allow"]
        return resp
    from .i18n import STRINGS, lang_of, t
    from .params import SearchParams

    lang = lang_of(request.args.get("lang"))
    if lang == "zh":
        # the Chinese page says it in Chinese, keeping what names the problem
        m = re.match(
            r"parameter '(.*)': its (value|name) is not UTF-8 text \(byte 0x(..) at offset ([\d,]+)\)", message
        )
        if m:
            message = t(
                "http_400_param", lang, m.group(1), "值" if m.group(2) == "value" else "名称", m.group(3), m.group(4)
            )
        elif f"http_{status}" in STRINGS:
            message = t(f"http_{status}", lang)
    return render_template("error.html", message=message, params=SearchParams(lang=lang)), status


def unexpected(exc: Exception):
    """An exception no view expected: logged, answered as a 500 in the right shape."""
    if isinstance(exc, HTTPException):
        return http_error(exc)
    current_app.logger.exception("unexpected error on %s", request.path)
    return http_error(InternalServerError("internal error: the server could not answer this request"))
