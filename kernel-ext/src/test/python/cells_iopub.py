"""Runs cells in a real kernel through jupyter_client and reports every output message, timed.

usage: cells_iopub.py KERNEL_NAME CELLS_JSON_FILE

Starts the kernel, runs each cell of the JSON list of sources in turn, shuts the kernel down and
prints one JSON list: per cell its reply status and every iopub output message (display_data,
update_display_data, execute_result, stream, error) with "seconds" since the cell was sent, so a
test can see a live display change while the cell runs, not only its last state.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel


def run(kc, code, timeout=240):
    sent = time.time()
    msg_id = kc.execute(code)
    outputs = []
    deadline = sent + timeout
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind in ("display_data", "update_display_data", "execute_result", "error", "stream"):
            outputs.append(dict(content, type=kind, seconds=time.time() - sent))
        if kind == "status" and content["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return {"status": reply["content"]["status"], "outputs": outputs}


def main():
    kernel, cells_file = sys.argv[1:3]
    with open(cells_file) as f:
        cells = json.load(f)
    km, kc = start_new_kernel(kernel_name=kernel, startup_timeout=120)
    try:
        print(json.dumps([run(kc, cell) for cell in cells]))
        return 0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


if __name__ == "__main__":
    sys.exit(main())
