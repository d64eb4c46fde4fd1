"""Interrupts a running %run_main through a real Jupyter client and reports what the kernel did.

usage: interrupt_run.py KERNEL_NAME SETUP_CODE LONG_CODE AFTER_CODE

Starts the kernel, runs SETUP_CODE, starts LONG_CODE, interrupts the kernel as soon as the run's
live table has appeared, waits for the cell to end, runs AFTER_CODE, shuts the kernel down and
prints one JSON object: the long cell's outputs and reply status, and AFTER_CODE's result.
"""
import json
import sys
import time

from jupyter_client.manager import start_new_kernel


def collect(kc, msg_id, on_display=None, timeout=120):
    outputs = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind in ("display_data", "update_display_data", "execute_result", "error", "stream"):
            outputs.append(dict(content, type=kind))
            if kind == "display_data" and on_display is not None:
                on_display()
                on_display = None
        if kind == "status" and content["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return outputs, reply["content"]["status"]


def main():
    kernel, setup, long_code, after = sys.argv[1:5]
    km, kc = start_new_kernel(kernel_name=kernel, startup_timeout=120)
    try:
        outputs, status = collect(kc, kc.execute(setup))
        if status != "ok":
            print(json.dumps({"setup": outputs}))
            return 1
        started = {}

        def interrupt():
            time.sleep(0.5)  # let the run make some progress
            started["at"] = time.time()
            km.interrupt_kernel()

        long_outputs, long_status = collect(kc, kc.execute(long_code), on_display=interrupt)
        ended = time.time()
        after_outputs, after_status = collect(kc, kc.execute(after))
        print(json.dumps({
            "outputs": long_outputs,
            "status": long_status,
            "secondsToStop": ended - started.get("at", ended),
            "after": after_outputs,
            "afterStatus": after_status,
        }))
        return 0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


if __name__ == "__main__":
    sys.exit(main())
