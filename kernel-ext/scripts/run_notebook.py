"""Executes a notebook headless with nbclient and saves the executed copy.

usage: run_notebook.py NOTEBOOK OUT [--kernel NAME] [--timeout SECONDS] [--allow-errors] [--print-cell TEXT] [--cwd DIR]

Runs every cell of NOTEBOOK (in the notebook's own folder, as Jupyter would, or in DIR) with the kernel NAME
(default: rivulet), writes the executed notebook to OUT, and with --print-cell prints the text of
the outputs of the first code cell whose source contains TEXT. Exits 1 when a cell fails (unless --allow-errors).
"""
import argparse
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--kernel", default="rivulet")
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--allow-errors", action="store_true")
    parser.add_argument("--print-cell", metavar="TEXT")
    parser.add_argument("--cwd", metavar="DIR", help="the kernel's working directory (default: the notebook's folder)")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    folder = os.path.abspath(args.cwd) if args.cwd else os.path.dirname(os.path.abspath(args.notebook))
    os.environ.setdefault("JPY_SESSION_NAME", os.path.abspath(args.notebook))
    client = NotebookClient(nb, kernel_name=args.kernel, timeout=args.timeout,
                            allow_errors=args.allow_errors, resources={"metadata": {"path": folder}})
    failed = None
    try:
        client.execute()
    except CellExecutionError as e:
        failed = e
    nbformat.write(nb, args.out)
    if failed is not None:
        print(str(failed), file=sys.stderr)
        return 1
    if args.print_cell:
        for cell in nb.cells:
            if cell.cell_type == "code" and args.print_cell in cell.source:
                for output in cell.get("outputs", []):
                    text = output.get("data", {}).get("text/plain") or output.get("text")
                    if text:
                        print(text)
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
