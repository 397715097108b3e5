"""The OpenAPI document, generated from the route declarations and their pydantic body models."""

from __future__ import annotations

from typing import Any

from odind.web.routes import RouteInfo

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": ["string", "null"]}}}},
}


def document(routes: list[RouteInfo], version: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {"Error": ERROR_SCHEMA}
    for info in routes:
        operation: dict[str, Any] = {"summary": info.summary, "tags": list(info.tags), "responses": {
            "200": {"description": "OK", "content": {info.produces: {}}},
            "4XX": {"description": "Client error", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}},
        }}
        params = [segment[1:-1] for segment in info.path.split("/") if segment.startswith("{")]
        if params:
            operation["parameters"] = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
                                       for p in params]
        if info.role is None:
            operation["security"] = []
        else:
            operation["x-required-role"] = info.role.value
        if info.body is not None:
            schema = info.body.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))
            schemas[info.body.__name__] = schema
            operation["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{info.body.__name__}"}}}}
        if info.upload:
            operation["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "properties": {"file": {"type": "string", "format": "binary"},
                                                 "name": {"type": "string"}}, "required": ["file"]}}}}
        paths.setdefault(info.path, {})[info.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "odind API", "version": version,
                 "description": "Print-farm controller. Money is exchanged as decimal strings."},
        "paths": paths,
        "components": {"schemas": schemas,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
    }
