"""Work done in a forked child process while the parent goes on, for the long imports.

jieba's model, the dictionary and every table of a running import are already in memory: a
forked child sees them at no cost, where a fresh worker process would spend seconds loading them.
A fork is only safe while no other thread holds a lock the child could need (the TUI imports in
a worker thread), so `fork_available` says no then, and the caller does the work itself.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import pickle
import select
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
        # Unbuffered, so that `ready` sees every byte the child sent: none wait in a buffer.
        self._inbox = os.fdopen(from_child, "rb", buffering=0)
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

    def ready(self) -> bool:
        """Whether the child has begun to send a message (reading it may still wait a little)."""
        if self._done:
            return True  # receiving then says at once that the child is gone
        readable, _, _ = select.select([self._inbox], [], [], 0)
        return bool(readable)

    def hang_up(self) -> None:
        """Close both pipes: a child still writing finds its pipe closed, and ends."""
        if self._done:
            return
        self._done = True
        self._outbox.close()
        self._inbox.close()


def made_here_and_in_child(make: Callable[[int], T], count: int) -> Iterator[T]:
    """`make(0)`, `make(1)`... `make(count - 1)` in order, made by a forked child and by this
    process together while the caller takes each item as it comes.

    The child makes items from the first on. Whenever the child's next item is not ready yet,
    this process makes one from the last down instead of waiting; the two meet in the middle,
    and the items made here follow the child's. `make` must give the same item in both
    processes from what both had at the fork; each item is taken once. Should the
    child fail, this process makes what it did not send.
    """
    child: Child | None = Child(lambda receive, send: _send_each(map(make, range(count)), send))
    taken = 0  # the child's items taken so far: make(0) .. make(taken - 1)
    lowest = count  # the items made here: make(lowest) .. make(count - 1)
    here: list[T] = []
    try:
        while taken < lowest:
            if child is not None and (lowest - taken == 1 or child.ready()):
                try:
                    message = child.receive()
                except ChildGone:
                    child = None
                    continue
                if not message:  # the child's last message: it has made them all
                    break
                taken += 1
                yield message[0]
            else:
                lowest -= 1
                here.append(make(lowest))
    finally:
        # Also when the caller stops early: a child still making finds its pipe closed, and ends.
        if child is not None:
            child.close()
    yield from reversed(here)  # make(lowest) .. make(count - 1)


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
    size = _read_exactly(pipe, 8)
    data = _read_exactly(pipe, int.from_bytes(size, "little"))
    return _decode(data)


def _read_exactly(pipe: Any, size: int) -> bytes:
    """`size` bytes from a pipe, buffered or not (an unbuffered read returns what has come)."""
    chunks = []
    while size:
        chunk = pipe.read(size)
        if not chunk:
            raise EOFError("the other process has gone")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


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
