"""The OpenAPI page at ``/schema``, on Swagger UI served from our own static files.

Litestar's ``SwaggerRenderPlugin`` loads Swagger UI from a CDN (without subresource integrity) and
starts it with an inline script that embeds the whole schema. Here the page loads the copy of
npm ``swagger-ui-dist`` committed under ``api/static/vendor/swagger-ui/`` and starts it with a
script file of ours, so the page's Content-Security-Policy (``api.hardening.SCHEMA_PAGE_CSP``)
allows scripts from our own origin only. The page exists only when ``MAWID_PUBLIC_SCHEMA`` is on.
"""

from __future__ import annotations

from html import escape
from typing import Any

from litestar import Request
from litestar.openapi.plugins import OpenAPIRenderPlugin

SWAGGER_UI_VERSION = "5.35.0"
VENDOR = "/static/vendor/swagger-ui"


class LocalSwaggerRenderPlugin(OpenAPIRenderPlugin):
    """Swagger UI from ``/static/vendor/swagger-ui/``: no CDN, no inline script."""

    def __init__(self, path: str = "/swagger") -> None:
        super().__init__(path=path, favicon='<link rel="icon" href="/static/favicon.svg">', style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        title = escape(str(openapi_schema["info"]["title"]))
        spec_url = escape(self.get_openapi_json_route(request))
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} API</title>
{self.favicon}
<link rel="stylesheet" href="{VENDOR}/swagger-ui.css">
<script src="{VENDOR}/swagger-ui-bundle.js" defer></script>
<script src="{VENDOR}/mawid-start.js" defer></script>
</head>
<body>
<div id="swagger-ui" data-spec-url="{spec_url}"></div>
</body>
</html>
""".encode()
