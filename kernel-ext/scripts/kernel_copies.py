"""Makes Rivulet-enabled copies of the IJava and JJava kernelspecs Jupyter knows, and smoke-runs them.

usage: kernel_copies.py EXTENSION_DIR [--smoke] [--only NAME ...]

EXTENSION_DIR holds Rivulet's extension jars (kernel-ext/target/extension/*.jar, copied there);
this script adds rivulet-ijava.jshell to it. For every installed kernelspec that runs IJava or
JJava (and is not itself a Rivulet copy), it installs a copy named NAME-rivulet whose environment
puts the jars on the kernel's class path (JJAVA_CLASSPATH, or IJAVA_CLASSPATH plus the start-up
script that registers the magics). With --smoke it then starts each copy and runs a one-cell
%run_main and a %spawn_cluster -p2, printing one line per kernel: "ok" or what failed. Exits 1 when
a smoke run failed. Kernelspecs go where Jupyter installs user kernelspecs (JUPYTER_DATA_DIR).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager

HERE = os.path.dirname(os.path.abspath(__file__))

SMOKE_SETUP = """\
var rivuletSmoke = new dev.rivulet.Dataflow("smoke");
rivuletSmoke.input("numbers", dev.rivulet.io.Sources.range(0, 1000))
    .keyBy("parity", n -> n % 2 == 0 ? "even" : "odd")
    .reduce("sum", Long::sum)
    .capture("sums");"""
SMOKE_CELLS = [
    ("%run_main", "tech.tablesaw.api.Table rivuletLocal = %run_main rivuletSmoke"),
    ("%spawn_cluster -p2", "tech.tablesaw.api.Table rivuletCluster = %spawn_cluster -p2 rivuletSmoke"),
]
SMOKE_CHECK = ("rivuletLocal.sortOn(\"key\").printAll().equals(rivuletCluster.sortOn(\"key\").printAll())"
               " + \" \" + rivuletLocal.rowCount()")


def kind_of(name, spec):
    """'ijava', 'jjava' or None for a kernelspec (as written in its kernel.json)."""
    argv = " ".join(spec.get("argv", [])).lower()
    if "jjava" in argv or "jjava" in name.lower():
        return "jjava"
    if "ijava" in argv or name == "java":
        return "ijava"
    return None


def make_copies(extension, only):
    shutil.copy(os.path.join(HERE, "rivulet-ijava.jshell"), os.path.join(extension, "rivulet-ijava.jshell"))
    manager = KernelSpecManager()
    made = []
    for name, resource_dir in sorted(manager.find_kernel_specs().items()):
        if name == "rivulet" or name.endswith("-rivulet") or (only and name not in only):
            continue
        with open(os.path.join(resource_dir, "kernel.json")) as original:
            spec = json.load(original)  # as written, not as Jupyter normalises it
        kind = kind_of(name, spec)
        if kind is None:
            continue
        folder = os.path.join(tempfile.mkdtemp(), name + "-rivulet")
        shutil.copytree(resource_dir, folder)
        # a jar named relative to the kernelspec folder must still be found from the copy
        spec["argv"] = [os.path.join(resource_dir, a) if not os.path.isabs(a) and a.endswith(".jar")
                        and os.path.exists(os.path.join(resource_dir, a)) else a for a in spec.get("argv", [])]
        env = dict(spec.get("env") or {})

        def append(var, value):
            env[var] = env[var] + os.pathsep + value if env.get(var) else value
        append("JJAVA_CLASSPATH" if kind == "jjava" else "IJAVA_CLASSPATH", os.path.join(extension, "*.jar"))
        if kind == "ijava":
            append("IJAVA_STARTUP_SCRIPTS_PATH", os.path.join(extension, "rivulet-ijava.jshell"))
        spec["env"] = env
        spec["display_name"] = spec.get("display_name", name) + " + Rivulet"
        with open(os.path.join(folder, "kernel.json"), "w") as out:
            json.dump(spec, out, indent=2)
        manager.install_kernel_spec(folder, kernel_name=name + "-rivulet", user=True)
        shutil.rmtree(os.path.dirname(folder))
        made.append((name + "-rivulet", spec["display_name"], kind))
    return made


def run_cell(kc, code, timeout=240):
    """Runs code; returns (status, text of its outputs)."""
    msg_id = kc.execute(code)
    texts = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            texts.append(content["text"])
        elif kind in ("execute_result", "display_data", "update_display_data"):
            texts.append(content.get("data", {}).get("text/plain", ""))
        elif kind == "error":
            texts.append("%s: %s" % (content.get("ename"), content.get("evalue")))
        elif kind == "status" and content["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]["status"], "".join(texts)


def smoke(kernel_name):
    """'ok' or what went wrong, running the smoke cells in a fresh kernel."""
    import subprocess
    from jupyter_client.manager import start_new_kernel
    # the kernel's own start-up logging is not news here; what the cells say is
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=120,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for label, code in [("set-up", SMOKE_SETUP)] + SMOKE_CELLS + [("same table", SMOKE_CHECK)]:
            status, text = run_cell(kc, code)
            last = text.strip().splitlines()[-1] if text.strip() else ""
            if status != "ok":
                return "%s failed: %s" % (label, last or status)
            if label == "same table" and not last.strip('"').startswith("true 2"):
                return "%%spawn_cluster -p2 gave a different table than %%run_main (%s)" % last
        return "ok"
    except Exception as e:  # a kernel that does not start or answer
        return "did not run: %s" % e
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("extension")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    made = make_copies(os.path.abspath(args.extension), set(args.only))
    failed = 0
    for name, display, kind in made:
        label = "JJava" if kind == "jjava" else "IJava"
        if not args.smoke:
            print("==> Installed \"%s\" (kernelspec '%s'), not tried" % (display, name))
            continue
        result = smoke(name)
        if result == "ok":
            print("==> Installed \"%s\" (kernelspec '%s'): your %s kernel with Rivulet's magics;"
                  " %%run_main and %%spawn_cluster -p2 ran in it" % (display, name, label))
        else:
            failed += 1
            print("==> Installed \"%s\" (kernelspec '%s'), but Rivulet does NOT work in it: %s"
                  % (display, name, result))
    if not made:
        print("    (no IJava or JJava kernel installed: only \"Java (Rivulet)\" has Rivulet's magics)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
