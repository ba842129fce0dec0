"""Run a function in a child process that can take only so much memory and processor time.

Reading an uploaded file means running parsers on bytes a stranger chose: a DOCX that unpacks to
gigabytes, a PDF whose streams never end. In a child with an address-space limit (RLIMIT_AS) and
a processor-time limit (RLIMIT_CPU), such a file costs at most those limits; the child dies, the
caller gets `LimitExceeded`, and the worker that asked goes on.

The child is forked from the caller, so that it starts at once with every module loaded (a fork
server or a fresh interpreter would import the application again for each file, for a second or
more). A fork taken while another thread holds a lock can leave the child waiting forever; the
wall-clock limit ends such a child like any other that overruns. The child leaves with os._exit,
so it never closes the database connections it inherited. Linux only, like the deployment.
"""

import multiprocessing
import os
import resource

# The wall-clock allowance beyond the processor time: a child may also wait on the disk.
WALL_CLOCK_FACTOR = 3


class LimitExceeded(Exception):
    """The child ran out of memory or time, or died, before it answered."""


def run_limited(function, *arguments, memory_bytes, cpu_seconds):
    """Return `function(*arguments)` computed in a limited child process, or raise LimitExceeded.

    The result must be picklable (it comes back through a pipe); `memory_bytes` is what the child
    may allocate on top of what it starts with.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(sender, function, arguments, memory_bytes, cpu_seconds))
    child.start()
    sender.close()
    try:
        outcome, value = _answer_of(receiver, cpu_seconds * WALL_CLOCK_FACTOR + 5)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome != "done":
        raise LimitExceeded(value if outcome == "failed" else f"{value} (exit code {child.exitcode})")
    return value


def _answer_of(receiver, wall_seconds):
    """Return what the child sent, or why it sent nothing."""
    if not receiver.poll(wall_seconds):
        return "silent", f"no answer within {wall_seconds} seconds"
    try:
        return receiver.recv()
    except (EOFError, OSError):
        return "died", "the child died before it answered"


def _run_child(sender, function, arguments, memory_bytes, cpu_seconds):
    """Set the limits on this child, run the function, and send back its result or what went wrong."""
    resource.setrlimit(resource.RLIMIT_AS, (_address_space_in_use() + memory_bytes,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    try:
        answer = ("done", function(*arguments))
    except MemoryError:
        answer = ("failed", f"more than {memory_bytes} bytes of memory")
    except Exception as error:  # whatever the function raises, the caller gets one kind of refusal
        answer = ("failed", f"{type(error).__name__}: {error}")
    sender.send(answer)
    sender.close()


def _address_space_in_use():
    """Return the bytes of address space this process holds already (its libraries, its heap)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")
