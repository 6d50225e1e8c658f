"""/api/v1/docs: the OpenAPI document as a page, rendered on the server (no script, nothing from elsewhere)."""
from flask import Blueprint, render_template

bp = Blueprint("api_docs_page", __name__)
METHODS = ("get", "post", "put", "patch", "delete")


def _ref_name(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array" and "items" in schema:
        return f"[{_ref_name(schema['items'])}]"
    kind = schema.get("type", "object")
    return " | ".join(kind) if isinstance(kind, list) else kind


@bp.route("/docs")
def docs():
    from app.api import api

    spec = api.spec.to_dict()
    operations = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                body = (operation.get("requestBody") or {}).get("content", {}).get("application/json", {})
                operations.append({
                    "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "key": ", ".join(name for requirement in operation.get("security", []) for name in requirement),
                    "parameters": [(p["name"], p["in"], _ref_name(p.get("schema", {})), p.get("required", False),
                                    p.get("description", "")) for p in operation.get("parameters", [])],
                    "body": _ref_name(body["schema"]) if body else None,
                    "responses": [(code, r.get("description", "") if "$ref" not in r else r["$ref"].rsplit("/", 1)[-1],
                                   _ref_name(next(iter(r.get("content", {}).values()), {}).get("schema", {}))
                                   if r.get("content") else "")
                                  for code, r in operation.get("responses", {}).items()],
                })
    schemas = []
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        schemas.append((name, schema.get("description", ""),
                        [(field, _ref_name(prop), field in required, prop.get("description", ""),
                          prop.get("enum") or (prop.get("items") or {}).get("enum"))
                         for field, prop in schema.get("properties", {}).items()]))
    return render_template("api/docs.html", info=spec["info"], version=spec["openapi"], operations=operations,
                           schemas=schemas)
