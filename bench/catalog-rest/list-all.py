"""Times listing every table of a schema with max_results=1000, following page tokens.
Usage: list-all.py PORT TOKEN RUNS [SCHEMA EXPECTED]   (default bench.big, 5,000 tables)"""
import http.client
import json
import sys
import time

port = int(sys.argv[1])
headers = {"Authorization": "Bearer " + sys.argv[2]}
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
schema = sys.argv[4] if len(sys.argv) > 4 else "big"
expected = int(sys.argv[5]) if len(sys.argv) > 5 else 5000
conn = http.client.HTTPConnection("127.0.0.1", port)
times = []
for run in range(runs + 3):
    start = time.perf_counter()
    token, seen = None, 0
    while True:
        path = f"/api/2.1/unity-catalog/tables?catalog_name=bench&schema_name={schema}&max_results=1000"
        if token:
            path += "&page_token=" + token
        conn.request("GET", path, headers=headers)
        page = json.loads(conn.getresponse().read())
        seen += len(page["tables"])
        token = page.get("next_page_token")
        if not token:
            break
    if seen != expected:
        raise SystemExit(f"listed {seen} tables, expected {expected}")
    if run >= 3:  # warm-up runs are not counted
        times.append((time.perf_counter() - start) * 1000)
times.sort()
print(f"list all {expected:,} tables of bench.{schema}: p50 {times[len(times) // 2]:.1f} ms, p99 {times[int(len(times) * 0.99)]:.1f} ms, "
      f"max {times[-1]:.1f} ms over {len(times)} runs")
