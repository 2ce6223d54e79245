"""Work in a forked child: its result comes back, and a child that dies costs only the time."""

import os

import pytest

from vocab.fork import Child, ChildGone, Pending, fork_available, made_in_children

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


def test_items_made_in_children_come_in_order_each_made_once() -> None:
    parent = os.getpid()

    def produce(first: int, step: int):  # type: ignore[no-untyped-def]
        for n in range(first, 7, step):
            yield (n, os.getpid())

    made = list(made_in_children(produce))
    assert [n for n, _ in made] == list(range(7))
    makers = {pid for _, pid in made}
    assert len(makers) == 2 and parent not in makers


def test_items_a_child_could_not_make_are_made_here() -> None:
    parent = os.getpid()

    def produce(first: int, step: int):  # type: ignore[no-untyped-def]
        for n in range(first, 9, step):
            if n == 5 and os.getpid() != parent:
                os._exit(9)  # the child making 1, 3, 5, 7 dies after sending 1 and 3
            yield (n, os.getpid() == parent)

    made = list(made_in_children(produce))
    assert [n for n, _ in made] == list(range(9))
    assert [n for n, here in made if here] == [5, 7]


def test_a_caller_that_stops_early_leaves_no_child_behind() -> None:
    def produce(first: int, step: int):  # type: ignore[no-untyped-def]
        for _ in range(first, 10_000, step):
            yield "字" * 100_000  # more than a pipe holds: the children wait for the caller

    items = made_in_children(produce)
    assert len(next(items)) == 100_000
    items.close()  # closes the pipes and waits for both children, which then end
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
