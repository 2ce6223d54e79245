"""Work done in a forked child process while the parent goes on, for the long imports.

jieba's model, the dictionary and every table of a running import are already in memory: a
forked child sees them at no cost, where a fresh worker process would spend seconds loading them.
A fork is only safe while no other thread holds a lock the child could need (the TUI imports in
a worker thread), so `fork_available` says no then, and the caller does the work itself.
"""

from __future__ import annotations

import itertools
import marshal
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def fork_available() -> bool:
    """Whether `in_child` can fork: a second core, a single-threaded main process, a POSIX fork."""
    return (
        hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and threading.current_thread() is threading.main_thread()
        and multiprocessing.parent_process() is None
        and sys.platform != "darwin"  # macOS system libraries may abort in a forked child
    )


class Pending(Generic[T]):
    """The result a child process is computing; `result()` waits for it."""

    def __init__(self, function: Callable[[], T]) -> None:
        self._function = function
        read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: compute, send, and leave without running any cleanup
            status = 1
            try:
                os.close(read)
                data = _encode(function())
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        self._read = read

    def result(self) -> T:
        """The child's result; should the child have failed, the work is done here instead."""
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if status != 0 or not data:
            return self._function()
        result: T = _decode(data)
        return result


class ChildGone(Exception):
    """The child process ended before answering (killed, out of memory, or an error in it)."""


class Child:
    """A forked child that takes messages from the parent and answers them, for work whose
    input the parent only knows later: `work(receive, send)` runs in the child."""

    def __init__(self, work: Callable[[Callable[[], Any], Callable[[Any], None]], None]) -> None:
        from_parent, to_child = os.pipe()
        from_child, to_parent = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:
            status = 1
            try:
                os.close(to_child)
                os.close(from_child)
                with os.fdopen(from_parent, "rb") as inbox, os.fdopen(to_parent, "wb") as outbox:
                    work(lambda: _receive(inbox), lambda message: _send(outbox, message))
                status = 0
            finally:
                os._exit(status)
        os.close(from_parent)
        os.close(to_parent)
        self._outbox = os.fdopen(to_child, "wb")
        self._inbox = os.fdopen(from_child, "rb")
        self._done = False

    def send(self, message: Any) -> None:
        if self._done:
            raise ChildGone
        try:
            _send(self._outbox, message)
        except (BrokenPipeError, OSError) as error:
            self.close()
            raise ChildGone from error

    def receive(self) -> Any:
        if self._done:
            raise ChildGone
        try:
            return _receive(self._inbox)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError) as error:
            self.close()
            raise ChildGone from error

    def close(self) -> None:
        """Wait for the child to end; it ends by itself once its work is done."""
        self.hang_up()
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0

    def hang_up(self) -> None:
        """Close both pipes: a child still writing finds its pipe closed, and ends."""
        if self._done:
            return
        self._done = True
        self._outbox.close()
        self._inbox.close()


def made_in_children(produce: Callable[[int, int], Iterator[T]], children: int = 2) -> Iterator[T]:
    """The items `produce` yields, made in forked children while the caller takes each item as
    it comes: `produce(k, n)` yields items k, k + n, k + 2n... and child k makes those. With two
    children on two cores, one makes the next item while the other waits for the caller.

    Should a child fail, the items it did not send are made here: `produce` must yield the same
    items in every process from what all had at the fork, and the ones a failed child already
    sent are made again only to be skipped.
    """

    def work(k: int) -> Callable[[Callable[[], Any], Callable[[Any], None]], None]:
        return lambda receive, send: _send_each(produce(k, children), send)

    made: list[Child | None] = [Child(work(k)) for k in range(children)]
    taken = [0] * children
    here: list[Iterator[T] | None] = [None] * children
    try:
        for k in itertools.cycle(range(children)):
            child = made[k]
            if child is not None:
                try:
                    message = child.receive()
                except ChildGone:
                    made[k] = None
                else:
                    if not message:  # the child's last message: it has made all of its items
                        return
                    taken[k] += 1
                    yield message[0]
                    continue
            if here[k] is None:
                here[k] = itertools.islice(produce(k, children), taken[k], None)
            item = next(here[k], _END)  # type: ignore[arg-type]
            if item is _END:
                return
            yield item
    finally:
        # Also when the caller stops early: a child then finds its pipe closed, and ends. A
        # child forked later holds copies of the earlier ones' pipes, so every pipe is closed
        # before any child is waited for.
        children_left = [child for child in made if child is not None]
        for child in children_left:
            child.hang_up()
        for child in children_left:
            child.close()


_END: Any = object()


def _send_each(items: Iterator[Any], send: Callable[[Any], None]) -> None:
    for item in items:
        send((item,))
    send(())


def _send(pipe: Any, message: Any) -> None:
    data = _encode(message)
    pipe.write(len(data).to_bytes(8, "little"))
    pipe.write(data)
    pipe.flush()


def _receive(pipe: Any) -> Any:
    size = pipe.read(8)
    if len(size) < 8:
        raise EOFError("the other process has gone")
    return _decode(pipe.read(int.from_bytes(size, "little")))


def _encode(message: Any) -> bytes:
    # Plain lists, tuples, strings and numbers (a novel's 270k tokens) go through marshal, three
    # times faster than pickle; anything else through pickle. Both ends run the same Python.
    try:
        return b"M" + marshal.dumps(message)
    except ValueError:
        return b"P" + pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def _decode(data: bytes) -> Any:
    if data[:1] == b"M":
        return marshal.loads(memoryview(data)[1:])
    return pickle.loads(memoryview(data)[1:])
