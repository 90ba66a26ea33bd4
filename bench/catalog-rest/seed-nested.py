"""Seeds bench.wide (10,000 tables) readable by a service principal only through a nested group:
bench-reader is in group inner, inner is in group outer, and outer holds USE CATALOG on bench and
USE SCHEMA and SELECT on bench.wide. Prints an access token of bench-reader."""
import http.client
import json
import sys

port, admin, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)


def call(method, path, body=None, content="application/json"):
    headers = {"Authorization": "Bearer " + admin, "Content-Type": content}
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    data = response.read()
    if response.status not in (200, 201):
        raise SystemExit(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data) if data else {}


uc = "/api/2.1/unity-catalog"
scim = "/api/2.0/scim/v2"
call("POST", uc + "/schemas", {"name": "wide", "catalog_name": "bench"})
for i in range(count):
    call("POST", uc + "/tables", {
        "name": f"w{i:05d}", "catalog_name": "bench", "schema_name": "wide", "table_type": "EXTERNAL",
        "data_source_format": "DELTA", "storage_location": f"s3://bench/wide/w{i:05d}",
        "columns": [{"name": "id", "type_name": "LONG"}, {"name": "v", "type_name": "STRING"}]})
sp = call("POST", scim + "/ServicePrincipals",
          {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal"], "applicationId": "bench-reader"},
          "application/scim+json")
inner = call("POST", scim + "/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                        "displayName": "inner", "members": [{"value": sp["id"]}]}, "application/scim+json")
call("POST", scim + "/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                "displayName": "outer", "members": [{"value": inner["id"]}]}, "application/scim+json")
call("PATCH", uc + "/permissions/catalog/bench",
     {"changes": [{"principal": "outer", "add": ["USE CATALOG"], "remove": []}]})
call("PATCH", uc + "/permissions/schema/bench.wide",
     {"changes": [{"principal": "outer", "add": ["USE SCHEMA", "SELECT"], "remove": []}]})
token = call("POST", "/api/2.0/token-management/on-behalf-of/tokens", {"application_id": "bench-reader"})
print(token["token_value"])
