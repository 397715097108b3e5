"""The OpenAPI document, generated from the route declarations and their pydantic body models."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from odind.web.routes import RouteInfo

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": ["string", "null"]}}}},
}


def _schema_ref(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, str]:
    """Put a model (and the models it refers to) under components; generic models get a plain name."""
    name = _component_name(model.__name__)
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for sub_name, sub in schema.pop("$defs", {}).items():
        schemas[_component_name(sub_name)] = sub
    schemas[name] = schema
    return {"$ref": f"#/components/schemas/{name}"}


def _component_name(name: str) -> str:
    """`Page[OrderOut]` is not a valid component key; `Page_OrderOut_` is."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    return [{"name": name, "in": "query", "required": name in required, "schema": prop}
            for name, prop in schema.get("properties", {}).items()]


def document(routes: list[RouteInfo], version: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {"Error": ERROR_SCHEMA}
    for info in routes:
        operation: dict[str, Any] = {"summary": info.summary, "tags": list(info.tags), "responses": {
            "200": {"description": "OK", "content": {info.produces: {}}},
            "4XX": {"description": "Client error", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}},
        }}
        if info.response is not None:
            operation["responses"]["200"]["content"][info.produces] = {"schema": _schema_ref(info.response, schemas)}
        params = [segment[1:-1] for segment in info.path.split("/") if segment.startswith("{")]
        parameters = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params]
        if info.query is not None:
            parameters += _query_parameters(info.query)
        if parameters:
            operation["parameters"] = parameters
        if info.role is None:
            operation["security"] = []
        else:
            operation["x-required-role"] = info.role.value
        if info.body is not None:
            operation["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": _schema_ref(info.body, schemas)}}}
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
