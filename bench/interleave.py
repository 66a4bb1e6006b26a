#!/usr/bin/env python3
"""Whole-process timings on a shared machine: runs each command N times, round-robin (so that every command sees the
same load), and prints the median wall time and the median CPU time (user + system of the child) of each.

    bench/interleave.py 21 "dotnet .build/emgs/emgs.dll --help" "dotnet .build/emgs/emgs.dll analyze FILE --json"
"""
import resource
import statistics
import subprocess
import sys
import time


def main() -> None:
    runs, commands = int(sys.argv[1]), sys.argv[2:]
    wall = {c: [] for c in commands}
    cpu = {c: [] for c in commands}
    for command in commands:  # one warm-up run each (disk cache)
        subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    for _ in range(runs):
        for command in commands:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            end = time.perf_counter()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall[command].append((end - start) * 1000)
            cpu[command].append(((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)) * 1000)
    for command in commands:
        print(f"wall median {statistics.median(wall[command]):7.1f} ms (min {min(wall[command]):6.1f})  "
              f"cpu median {statistics.median(cpu[command]):7.1f} ms  | {command}")


if __name__ == "__main__":
    main()
