"""Worker set-ups for tests/test_parallel.py (workers import them by module name)."""

import os


def square_setup(offset):
    def run(n):
        return n * n + offset

    return run


def crash_setup(at):
    """A worker function that kills its process at task `at`, as a segfault in a C extension would."""

    def run(n):
        if n == at:
            os._exit(3)
        return n

    return run
