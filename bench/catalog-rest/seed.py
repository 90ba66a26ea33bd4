"""Seeds the benchmark catalog: 1,000 tables for GET, 5,000 for listing, an empty schema for create."""
import http.client
import json
import sys

port = int(sys.argv[1])
headers = {"Authorization": "Bearer " + sys.argv[2]}
conn = http.client.HTTPConnection("127.0.0.1", port)


def post(path, body):
    conn.request("POST", "/api/2.1/unity-catalog" + path, json.dumps(body), {"Content-Type": "application/json", **headers})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {data[:200]!r}")


def columns():
    return [
        {"name": "id", "type_name": "LONG"},
        {"name": "ts", "type_name": "TIMESTAMP"},
        {"name": "region", "type_name": "STRING"},
        {"name": "amount", "type_name": "DECIMAL", "type_precision": 12, "type_scale": 2},
        {"name": "note", "type_name": "STRING", "comment": "free text"},
    ]


post("/catalogs", {"name": "bench"})
for schema in ("get", "big", "create"):
    post("/schemas", {"name": schema, "catalog_name": "bench"})
for schema, count in (("get", 1000), ("big", 5000)):
    for i in range(count):
        post("/tables", {
            "name": f"t{i:04d}", "catalog_name": "bench", "schema_name": schema, "table_type": "EXTERNAL",
            "data_source_format": "DELTA", "storage_location": f"s3://bench/{schema}/t{i:04d}",
            "columns": columns(), "properties": {"delta.minReaderVersion": "1"},
        })
print("seeded 6,000 tables")
