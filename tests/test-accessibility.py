#!/usr/bin/python3
# test-accessibility.py
#
# Copyright 2026 The Clipper authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Clipper as Orca sees it: the app is started on a test library with a
# clipping open, its window is walked through AT-SPI (the Library, the
# Highlights and the Tags pages in turn), and every control must have a
# name of its own; GTK names an unlabelled button after its type
# ("GtkImage"), which is what a screen reader would then say.

import os
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    sys.exit(0)

if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") or not os.environ.get("DISPLAY"):
    print("1..0 # SKIP needs a D-Bus session and a display (the test command gives both)")
    sys.exit(0)

CONTROLS = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_SLIDER, pyatspi.ROLE_MENU_ITEM,
}
# GTK 4.8 gives toggle buttons the push button's role.
BUTTONS = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON}
DEADLINE = 60


def clipper(library, *args):
    subprocess.run([os.environ["CLIPPER_BIN"], "--library", library, *args], check=True,
                   stdout=subprocess.DEVNULL)


def find_app():
    deadline = time.time() + DEADLINE
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "clipper" and app.childCount > 0:
                return app
        time.sleep(0.2)
    raise SystemExit("Bail out! Clipper did not show up on the accessibility bus")


def walk(node, path, found, problems):
    try:
        role = node.getRole()
        name = node.name or ""
        count = node.childCount
    except Exception:
        return
    found.append((role, name, node))
    if role in CONTROLS and (name.strip() == "" or name.startswith("Gtk")):
        problems.append(f"{node.getRoleName()} named {name!r} at {path}")
    for i in range(count):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, f"{path}/{child.getRoleName()}", found, problems)


def wait_for(app, predicate, what):
    deadline = time.time() + DEADLINE
    while time.time() < deadline:
        found = []
        walk(app, "", found, [])
        if predicate(found):
            return found
        time.sleep(0.2)
    raise SystemExit(f"Bail out! Timed out waiting for {what}")


def main():
    tests = []
    source = os.environ["G_TEST_SRCDIR"]
    with tempfile.TemporaryDirectory() as tmp:
        library = os.path.join(tmp, "library.db")
        clipper(library, "clip", os.path.join(source, "fixtures", "news-jsonld.html"))
        clipper(library, "highlight", "1", "--quote", "defence", "--color", "green", "--note", "Who exactly?")
        clipper(library, "tag", "1", "defence")
        env = dict(os.environ)
        env.pop("NO_AT_BRIDGE", None)
        env["GTK_A11Y"] = "atspi"
        env["XDG_DATA_HOME"] = os.path.join(tmp, "data")
        env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        app_process = subprocess.Popen([os.environ["CLIPPER_BIN"], "--library", library, "clipper://clipping/1"],
                                       env=env)
        try:
            app = find_app()
            pages = ["Library", "Highlights", "Tags"]
            for page in pages:
                found = wait_for(app, lambda f: any(r in BUTTONS and n == page for r, n, _ in f), f"the {page} switch")
                switch = next(node for r, n, node in found if r in BUTTONS and n == page)
                switch.queryAction().doAction(0)
                if page == "Highlights":
                    # The highlight's row is described by its colour.
                    wait_for(app, lambda f: any("Green highlight" in (node.description or "") for _, _, node in f),
                             "the green highlight's description")
                time.sleep(0.5)
                found, problems = [], []
                walk(app, "app", found, problems)
                controls = sum(1 for r, _, _ in found if r in CONTROLS)
                ok = not problems and controls > 5
                tests.append((ok, f"/clipper/accessibility/{page.lower()}: {controls} controls",
                              problems))
        finally:
            app_process.terminate()
            app_process.wait(timeout=30)

    print(f"1..{len(tests)}")
    failed = False
    for number, (ok, name, problems) in enumerate(tests, 1):
        print(f"{'ok' if ok else 'not ok'} {number} {name}")
        for problem in problems:
            print(f"# unlabelled: {problem}")
        failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
