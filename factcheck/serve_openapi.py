"""The OpenAPI 3.1 description of the desk's JSON API (served at ``/openapi.json`` and shown at ``/docs``).

Hand-written, so the server needs no schema library; ``tests/test_serve_api.py`` checks that every route
the app serves is described and that the examples here are accepted by the server.

Example:
    >>> from factcheck.serve import ServeSettings
    >>> sorted(openapi_spec(ServeSettings())["paths"])
    ['/healthz', '/v1/check', '/v1/draft', '/v1/render']
"""

from __future__ import annotations

from typing import Any

from . import __version__
from .serve import ServeSettings

EXAMPLE_SOURCES: list[Any] = [
    {"text": "Ten people were injured in the fire on Monday, the mayor said.", "source": "AP", "title": "Fire"},
    {"text": "Ten people were injured in the fire on Tuesday, the mayor said.", "source": "Reuters"},
    "https://example.com/news/fire-story",
]


def _error(description: str, retry_after: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description,
                           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    if retry_after:
        out["headers"] = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}}
    return out


def openapi_spec(settings: ServeSettings) -> dict[str, Any]:
    """The API description for a server run with ``settings`` (its limits appear in the text)."""
    errors = {
        "400": _error("The body is not valid JSON, or the Host header is not this server's."),
        "401": _error("Missing or wrong bearer token (only when the server runs with --token)."),
        "413": _error(f"The body is over {settings.max_request_bytes:,} bytes."),
        "415": _error("The body is not sent as application/json."),
        "422": _error("Unusable input: a missing or wrong field, too few sources, a source with no article text, "
                      "a URL that could not be fetched or that points to a private address."),
        "429": _error(f"More than {settings.queue} requests are waiting behind the running check.", True),
        "503": _error("The models are still loading, or failed to load.", True),
        "504": _error(f"No report within {settings.timeout:g} s of the request's arrival."),
    }
    check_body = {"$ref": "#/components/schemas/CheckRequest"}
    report = {"description": "The schema-1 report (the same JSON as `factcheck check --format json`); with "
                             "options.format md or html, the rendered report.",
              "headers": {"Server-Timing": {"description": "fetch, queue, check and total, in ms",
                                            "schema": {"type": "string"}}},
              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}},
                          "text/markdown": {"schema": {"type": "string"}},
                          "text/html": {"schema": {"type": "string"}}}}
    security: list[dict[str, list[str]]] = [{"bearer": []}] if settings.token else []
    return {
        "openapi": "3.1.0",
        "info": {"title": "factcheck desk API", "version": __version__,
                 "description": "Claim-level fact consistency across news sources. Checks run one at a time; "
                                "requests over the queue bound get 429 with Retry-After."},
        "servers": [{"url": "/"}],
        "paths": {
            "/v1/check": {"post": {
                "summary": "Check two or more sources against each other (and a draft, when given)",
                "operationId": "check", "security": security,
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": check_body, "example": {"sources": EXAMPLE_SOURCES[:2]}}}},
                "responses": {"200": report, **errors}}},
            "/v1/draft": {"post": {
                "summary": "Check a draft against one or more sources: each draft sentence supported, "
                           "contradicted or not found",
                "operationId": "draft", "security": security,
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": check_body, "example": {
                        "sources": EXAMPLE_SOURCES[:2],
                        "draft": "Ten people were injured in the fire on Sunday."}}}},
                "responses": {"200": report, **errors}}},
            "/v1/render": {"post": {
                "summary": "Render a report (from /v1/check) as HTML, Markdown or JSON; no models involved",
                "operationId": "render", "security": security,
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["report"], "additionalProperties": False,
                    "properties": {"report": {"$ref": "#/components/schemas/Report"},
                                   "format": {"enum": ["html", "md", "json"], "default": "html"}}}}}},
                "responses": {"200": {"description": "The rendered report.",
                                      "content": {"text/html": {"schema": {"type": "string"}},
                                                  "text/markdown": {"schema": {"type": "string"}}}},
                              **{k: errors[k] for k in ("400", "401", "413", "415", "422")}}}},
            "/healthz": {"get": {
                "summary": "Liveness, the loaded models and the queue", "operationId": "healthz",
                "responses": {"200": {"description": "Models loaded; ready.",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              "503": {"description": "Models still loading.",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"],
                          "properties": {"error": {"type": "string", "description": "One line saying what to fix."}}},
                "Source": {"oneOf": [
                    {"type": "string", "format": "uri", "description": "An http(s) URL the server fetches."},
                    {"type": "object", "additionalProperties": False, "properties": {
                        "text": {"type": "string", "description": "The article text (when absent, url is fetched)."},
                        "url": {"type": "string", "format": "uri"},
                        "source": {"type": "string", "description": "Source id in the report (default source-N, "
                                                                    "or the site name of a fetched page)."},
                        "title": {"type": "string"}, "date": {"type": "string", "description": "YYYY-MM-DD"}}}]},
                "CheckRequest": {"type": "object", "required": ["sources"], "additionalProperties": False,
                                 "properties": {
                                     "sources": {"type": "array", "maxItems": settings.max_sources,
                                                 "items": {"$ref": "#/components/schemas/Source"}},
                                     "draft": {"oneOf": [{"type": "string"}, {
                                         "type": "object", "properties": {"text": {"type": "string"}}}]},
                                     "options": {"type": "object", "additionalProperties": False, "properties": {
                                         "format": {"enum": ["json", "md", "html"], "default": "json"},
                                         "strict": {"type": "boolean", "default": False,
                                                    "description": "Refuse a source with no article text "
                                                                   "instead of skipping it."}}}}},
                "Report": {"type": "object", "description": "factcheck's schema-1 report (see the README).",
                           "required": ["schema_version", "sources", "sentences", "claims", "pairs", "summary",
                                        "models"],
                           "properties": {"schema_version": {"const": "1"}}},
            },
        },
    }
