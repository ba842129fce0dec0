"""Run a function in a child process that can take only so much memory and processor time.

Reading an uploaded file means running parsers on bytes a stranger chose: a DOCX that unpacks to
gigabytes, a PDF whose streams never end. In a child with an address-space limit (RLIMIT_AS) and
a processor-time limit (RLIMIT_CPU), such a file costs at most those limits; the child dies, the
caller gets `LimitExceeded`, and the worker that asked goes on.

The child is forked from the caller by hand (os.fork and a pipe), so that it starts at once with
every module loaded (a fork server or a fresh interpreter would import the application again for
each file, for a second or more), and so that any caller may have it: multiprocessing refuses to
start a child from a daemonic process, and Huey's worker processes are daemonic. A fork taken while
another thread holds a lock can leave the child waiting forever; the wall-clock limit ends such a
child like any other that overruns. The child leaves with os._exit, so it never closes the database
connections it inherited nor runs the caller's exit handlers. Linux only, like the deployment.

The answer comes back pickled, as multiprocessing sent it. The limits bound resources, not rights:
the child runs as the caller, with its memory, files and connections, so a parser subverted into
sending a crafted pickle gains nothing by it that it did not already hold.
"""

import os
import pickle  # nosec B403
import resource
import select
import signal
import struct
import time

# The wall-clock allowance beyond the processor time: a child may also wait on the disk.
WALL_CLOCK_FACTOR = 3
WALL_CLOCK_MARGIN_SECONDS = 5
# The answer's length goes first: a pipe's end may stay open in a sibling forked by another thread
# at the same moment, so the end of the answer cannot be told by the pipe closing.
LENGTH = struct.Struct("!Q")
CHUNK_BYTES = 64 * 1024
CHILD_FAILED = 1


class LimitExceeded(Exception):
    """The child ran out of memory or time, or died, before it answered."""


def run_limited(function, *arguments, memory_bytes, cpu_seconds):
    """Return `function(*arguments)` computed in a limited child process, or raise LimitExceeded.

    The result must be picklable (it comes back through a pipe); `memory_bytes` is what the child
    may allocate on top of what it starts with.
    """
    wall_seconds = cpu_seconds * WALL_CLOCK_FACTOR + WALL_CLOCK_MARGIN_SECONDS
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if child == 0:
        os.close(read_end)
        _serve_in_child(write_end, function, arguments, memory_bytes, cpu_seconds)
    os.close(write_end)
    answer = None
    try:
        answer = _read_answer(read_end, time.monotonic() + wall_seconds)
    finally:
        os.close(read_end)
        exit_code = _stop_and_reap(child, stop=answer is None)
    if answer is None:
        raise LimitExceeded(f"no answer within {wall_seconds} seconds")
    if not answer:
        raise LimitExceeded(f"the child died before it answered ({_how_it_ended(exit_code)})")
    outcome, value = pickle.loads(answer)  # nosec B301
    if outcome != "done":
        raise LimitExceeded(value)
    return value


def _read_answer(read_end, deadline):
    """Return the child's pickled answer, b"" if it died before sending all of it, None if the deadline passed."""
    header = _read_exactly(read_end, LENGTH.size, deadline)
    if not header:
        return header
    (length,) = LENGTH.unpack(header)
    return _read_exactly(read_end, length, deadline)


def _read_exactly(read_end, size, deadline):
    """Read `size` bytes from the pipe before `deadline`; b"" if the writer left first, None if time ran out."""
    poller = select.poll()
    poller.register(read_end, select.POLLIN)
    chunks, received = [], 0
    while received < size:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not poller.poll(remaining * 1000):
            return None
        chunk = os.read(read_end, min(CHUNK_BYTES, size - received))
        if not chunk:
            return b""
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


def _stop_and_reap(child, stop):
    """Kill the child if it overran, wait for it to end either way (no zombie is left), and return its exit code."""
    if stop:
        os.kill(child, signal.SIGKILL)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status)


def _how_it_ended(exit_code):
    if exit_code < 0:
        return f"killed by {signal.Signals(-exit_code).name}"
    return f"exit code {exit_code}"


def _serve_in_child(write_end, function, arguments, memory_bytes, cpu_seconds):
    """In the forked child: set the limits, run the function, send back its answer, and leave without returning."""
    exit_code = CHILD_FAILED
    try:
        # A graceful stop of the worker (SIGINT) waits for this child's answer; a stop that
        # cannot wait (SIGTERM) ends it instead of running a handler copied from the worker.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _limit_this_process(memory_bytes, cpu_seconds)
        answer = _pickled_answer(function, arguments, memory_bytes)
        _write_all(write_end, LENGTH.pack(len(answer)) + answer)
        exit_code = 0
    finally:
        os._exit(exit_code)


def _limit_this_process(memory_bytes, cpu_seconds):
    resource.setrlimit(resource.RLIMIT_AS, (_address_space_in_use() + memory_bytes,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    # A child killed for its processor time leaves no core file holding what it read.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _pickled_answer(function, arguments, memory_bytes):
    """Return the function's result, or what went wrong, pickled for the pipe."""
    try:
        return pickle.dumps(("done", function(*arguments)), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        failure = f"more than {memory_bytes} bytes of memory"
    except Exception as error:  # whatever the function raises, the caller gets one kind of refusal
        failure = f"{type(error).__name__}: {error}"
    return pickle.dumps(("failed", failure))


def _write_all(write_end, data):
    view = memoryview(data)
    while view:
        view = view[os.write(write_end, view) :]


def _address_space_in_use():
    """Return the bytes of address space this process holds already (its libraries, its heap)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")
