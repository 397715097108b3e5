"""The OpenAPI document, generated from the route declarations and their pydantic body models."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, TypeAdapter

from odind.web.routes import RouteInfo

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}, "field": {"type": ["string", "null"]}}}},
}


# What a route that names no response model answers: a JSON object (an action's result, one
# resource's view); lists and the main resources name their model.
ANY_OBJECT: dict[str, Any] = {"type": "object"}
NON_JSON: dict[str, dict[str, Any]] = {
    "application/pdf": {"type": "string", "format": "binary"}, "image/*": {"type": "string", "format": "binary"},
    "text/csv": {"type": "string"}, "image/svg+xml": {"type": "string"}, "text/html": {"type": "string"},
    "text/event-stream": {"type": "string"},
}
PATH_PARAM = re.compile(r"\{(\w+)\}")


def _schema_ref(model: Any, schemas: dict[str, Any]) -> dict[str, Any]:
    """Put a model (and the models it refers to) under components; generic models get a plain name.
    A type that is not a model (`list[ProductOut]`) is described inline, its models under components."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        schema = TypeAdapter(model).json_schema(ref_template="#/components/schemas/{model}")
        for sub_name, sub in schema.pop("$defs", {}).items():
            schemas[_component_name(sub_name)] = sub
        return schema
    name = _component_name(model.__name__)
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for sub_name, sub in schema.pop("$defs", {}).items():
        schemas[_component_name(sub_name)] = sub
    schemas[name] = schema
    return {"$ref": f"#/components/schemas/{name}"}


def _component_name(name: str) -> str:
    """`Page[OrderOut]` is not a valid component key; `Page_OrderOut_` is."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _path_schema(name: str) -> dict[str, Any]:
    """Ids are whole numbers (`int_param` refuses anything else with a 404); other segments are text."""
    if name.endswith("_id"):
        return {"type": "integer", "minimum": 1, "maximum": 2**53}
    return {"type": "string", "maxLength": 200}


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    return [{"name": name, "in": "query", "required": name in required, "schema": prop}
            for name, prop in schema.get("properties", {}).items()]


def document(routes: list[RouteInfo], version: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {"Error": ERROR_SCHEMA}
    for info in routes:
        if info.response is not None:
            answer = _schema_ref(info.response, schemas)
        else:
            answer = NON_JSON.get(info.produces, ANY_OBJECT)
        ok = {"description": "OK", "content": {info.produces: {"schema": answer}}}
        operation: dict[str, Any] = {"summary": info.summary, "tags": list(info.tags), "responses": {
            "200": ok,
            "4XX": {"description": "Client error", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}},
        }}
        if info.method in ("POST", "PUT"):
            operation["responses"]["201"] = {**ok, "description": "Created"}
        if info.method == "DELETE":
            operation["responses"]["204"] = {"description": "Deleted"}
        params = PATH_PARAM.findall(info.path)
        parameters = [{"name": p, "in": "path", "required": True, "schema": _path_schema(p)} for p in params]
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
