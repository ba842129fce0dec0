"""The limited child that reads uploaded files: it answers from wherever a queue worker runs, and dies past its limits.

Huey's worker processes are daemonic and its worker threads share one process, so `run_limited`
must fork its child from both; a child that overruns its memory, processor time or wall clock is
killed and reaped, and the caller gets `LimitExceeded`.
"""

import multiprocessing
import os
import signal
import threading
import time

import pytest

from workshop.core import limits
from workshop.core.limits import LimitExceeded, run_limited

MEMORY = 64 * 1024**2
BIG_ANSWER_BYTES = 1024**2


def allocate(size):
    return len(bytearray(size))


def spin_forever():
    while True:
        pass


def sleep_forever():
    while True:
        time.sleep(1)


def big_answer():
    return b"x" * (BIG_ANSWER_BYTES - 1) + b"!"


def own_pid():
    return os.getpid()


def refuse():
    raise ValueError("not a document")


def child_processes():
    """Return the ids of this process's children, as Linux's /proc tells them (zombies included)."""
    return {
        int(pid)
        for task in os.listdir("/proc/self/task")
        for pid in open(f"/proc/self/task/{task}/children").read().split()
    }


def answer_in_a_daemonic_process(answers):
    """Run a limited child from a daemonic process, as a Huey worker process does, and pass on what came back."""
    try:
        answers.put(("done", run_limited(allocate, 1024, memory_bytes=MEMORY, cpu_seconds=10)))
    except BaseException as error:  # the test must see whatever went wrong, not a silent child
        answers.put(("failed", f"{type(error).__name__}: {error}"))


def test_a_daemonic_process_gets_its_childs_answer():
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    worker = context.Process(target=answer_in_a_daemonic_process, args=(answers,), daemon=True)
    worker.start()
    try:
        answer = answers.get(timeout=60)
    finally:
        worker.join(timeout=60)
    assert answer == ("done", 1024)


def test_a_thread_gets_its_childs_answer():
    answers = []
    worker = threading.Thread(
        target=lambda: answers.append(run_limited(allocate, 1024, memory_bytes=MEMORY, cpu_seconds=10))
    )
    worker.start()
    worker.join(timeout=60)
    assert answers == [1024]


def test_the_function_runs_in_another_process():
    assert run_limited(own_pid, memory_bytes=MEMORY, cpu_seconds=10) != os.getpid()


def test_an_answer_larger_than_a_pipe_buffer_comes_back_whole():
    answer = run_limited(big_answer, memory_bytes=MEMORY, cpu_seconds=10)
    assert len(answer) == BIG_ANSWER_BYTES
    assert answer == big_answer()


def test_a_child_past_its_memory_is_stopped_and_says_so():
    with pytest.raises(LimitExceeded, match=f"more than {MEMORY} bytes of memory"):
        run_limited(allocate, 2 * 1024**3, memory_bytes=MEMORY, cpu_seconds=10)


def test_a_child_past_its_processor_time_is_killed_by_the_kernel():
    with pytest.raises(LimitExceeded, match="killed by SIGXCPU"):
        run_limited(spin_forever, memory_bytes=MEMORY, cpu_seconds=1)


def test_a_child_past_its_wall_clock_is_killed(monkeypatch):
    monkeypatch.setattr(limits, "WALL_CLOCK_FACTOR", 0)
    monkeypatch.setattr(limits, "WALL_CLOCK_MARGIN_SECONDS", 1)
    with pytest.raises(LimitExceeded, match="no answer within 1 seconds"):
        run_limited(sleep_forever, memory_bytes=MEMORY, cpu_seconds=1)


def test_an_answer_arrives_while_a_sibling_forked_at_the_same_moment_holds_the_pipe(monkeypatch):
    """Another worker thread may fork between this call's pipe and fork: its child then holds this pipe open too."""
    monkeypatch.setattr(limits, "WALL_CLOCK_FACTOR", 0)
    siblings = []
    fork = os.fork

    def fork_with_a_sibling():
        child = fork()
        if child:
            siblings.append(fork())
            if siblings[-1] == 0:
                sleep_forever()
        return child

    monkeypatch.setattr(os, "fork", fork_with_a_sibling)
    try:
        assert run_limited(allocate, 1024, memory_bytes=MEMORY, cpu_seconds=10) == 1024
    finally:
        for sibling in siblings:
            os.kill(sibling, signal.SIGKILL)
            os.waitpid(sibling, 0)


def test_a_failure_in_the_function_comes_back_as_a_refusal():
    with pytest.raises(LimitExceeded, match="ValueError: not a document"):
        run_limited(refuse, memory_bytes=MEMORY, cpu_seconds=10)


@pytest.mark.parametrize(
    ("function", "arguments"),
    [(allocate, (1024,)), (refuse, ()), (allocate, (2 * 1024**3,)), (spin_forever, ()), (sleep_forever, ())],
)
def test_every_child_is_reaped(monkeypatch, function, arguments):
    monkeypatch.setattr(limits, "WALL_CLOCK_FACTOR", 0)
    monkeypatch.setattr(limits, "WALL_CLOCK_MARGIN_SECONDS", 2)
    before = child_processes()
    try:
        run_limited(function, *arguments, memory_bytes=MEMORY, cpu_seconds=1)
    except LimitExceeded:
        pass
    assert child_processes() - before == set()
