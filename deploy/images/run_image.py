"""Runs an unpacked image as a container runtime would: its entrypoint and command, in its working
directory, with its environment overlaid by ours, in a chroot of its file system, as its user.

Usage: run_image.py ROOTFS CONFIG_JSON (the settings to pass are this process's environment)."""
import json
import os
import sys

root, config_path = sys.argv[1], sys.argv[2]
config = json.load(open(config_path))["config"]
env = dict(e.split("=", 1) for e in config.get("Env", []))
env.update(os.environ)
argv = (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
user = config.get("User") or ""

# The executable is looked up in the image's PATH before the chroot: nothing can be imported after it.
program = argv[0]
if "/" not in program:
    for directory in env.get("PATH", "/usr/bin:/bin").split(":"):
        if os.access(os.path.join(root + directory, program), os.X_OK):
            program = os.path.join(directory, program)
            break

os.chroot(root)
os.chdir(config.get("WorkingDir") or "/")
if user:
    uid, _, gid = user.partition(":")
    os.setgid(int(gid or uid))
    os.setuid(int(uid))
os.execve(program, argv, env)
