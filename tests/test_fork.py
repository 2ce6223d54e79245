"""Work in a forked child: its result comes back, and a child that dies costs only the time."""

import os

import pytest

from vocab.fork import Child, ChildGone, Pending, fork_available, made_here_and_in_child

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_a_pending_result_is_computed_in_another_process() -> None:
    parent = os.getpid()
    pending = Pending(lambda: (os.getpid(), [("人工智能", "n", 0, 4)] * 3))
    pid, places = pending.result()
    assert pid != parent
    assert places == [("人工智能", "n", 0, 4)] * 3


def test_a_child_that_dies_leaves_the_work_to_the_parent() -> None:
    parent = os.getpid()

    def work() -> str:
        if os.getpid() != parent:
            os._exit(9)  # killed before it could answer
        return "done here"

    assert Pending(work).result() == "done here"


def test_an_error_in_the_child_is_raised_where_the_parent_redoes_the_work() -> None:
    def work() -> int:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        Pending(work).result()


def test_a_child_answers_messages_in_order() -> None:
    def work(receive, send) -> None:  # type: ignore[no-untyped-def]
        send("ready")
        words = receive()
        send([len(w) for w in words])

    child = Child(work)
    assert child.receive() == "ready"
    child.send(["人工智能", "数据"])
    assert child.receive() == [4, 2]
    child.close()


def test_a_child_gone_before_answering_is_told_apart_from_an_answer() -> None:
    def work(receive, send) -> None:  # type: ignore[no-untyped-def]
        os._exit(3)

    child = Child(work)
    with pytest.raises(ChildGone):
        child.receive()
    with pytest.raises(ChildGone):
        child.send("anything")


def test_forking_is_refused_while_other_threads_run() -> None:
    import threading

    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not fork_available()
    finally:
        release.set()
        thread.join()


def test_items_made_here_and_in_a_child_come_in_order_each_once() -> None:
    import time

    parent = os.getpid()

    def make(n: int) -> tuple[int, bool]:
        time.sleep(0.02)
        return (n, os.getpid() == parent)

    made = list(made_here_and_in_child(make, 30))
    assert [n for n, _ in made] == list(range(30))
    here = [n for n, in_parent in made if in_parent]
    # The child made the first ones; this process, while it waited, the last ones.
    assert made[0] == (0, False)
    assert here == list(range(30 - len(here), 30))
    assert 0 < len(here) < 30


def test_items_a_child_could_not_make_are_made_here() -> None:
    parent = os.getpid()

    def make(n: int) -> tuple[int, bool]:
        if n == 3 and os.getpid() != parent:
            os._exit(9)  # the child dies after sending 0, 1 and 2
        return (n, os.getpid() == parent)

    made = list(made_here_and_in_child(make, 9))
    assert [n for n, _ in made] == list(range(9))
    assert all(here for n, here in made if n >= 3)


def test_a_caller_that_stops_early_leaves_no_child_behind() -> None:
    def make(n: int) -> str:
        return "字" * 100_000  # more than a pipe holds: the child waits for the caller

    items = made_here_and_in_child(make, 10_000)
    assert len(next(items)) == 100_000
    items.close()  # closes the pipe and waits for the child, which then ends
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
