"""Connects to a running kernel by its connection file and reports when it answered kernel_info.

usage: ready_while_starting.py CONNECTION_FILE READY_FILE

Waits (at most 30 s) for the kernel's kernel_info reply, which is what Jupyter front ends wait for
before they show a kernel as idle, and then asks again and collects that request's iopub status messages (busy, idle). Writes
them as JSON to READY_FILE (the test waits for that file), then runs the cell `1 + 1` (it is only
answered once the kernel's start-up is done) and prints one JSON object with both.
"""
import json
import os
import sys
import time

from jupyter_client.blocking import BlockingKernelClient


def main():
    connection_file, ready_file = sys.argv[1:3]
    kc = BlockingKernelClient(connection_file=connection_file)
    kc.load_connection_file()
    kc.start_channels()
    try:
        started = time.time()
        kc.wait_for_ready(timeout=30)
        ready = {"seconds": time.time() - started, "states": []}
        # wait_for_ready drains iopub: ask again and watch this request's busy/idle on iopub
        msg_id = kc.kernel_info()
        kc.get_shell_msg(timeout=30)
        deadline = time.time() + 30
        while time.time() < deadline and "idle" not in ready["states"]:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["msg_type"] == "status" and msg["parent_header"].get("msg_id") == msg_id:
                ready["states"].append(msg["content"]["execution_state"])
        with open(ready_file + ".part", "w") as f:
            json.dump(ready, f)
        os.replace(ready_file + ".part", ready_file)
        reply = kc.execute_interactive("1 + 1", timeout=120, output_hook=lambda m: results.append(m))
        values = [m["content"]["data"]["text/plain"] for m in results if m["msg_type"] == "execute_result"]
        print(json.dumps({"ready": ready, "status": reply["content"]["status"], "values": values}))
        return 0
    finally:
        kc.stop_channels()


results = []

if __name__ == "__main__":
    sys.exit(main())
