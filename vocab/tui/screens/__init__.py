"""One Screen per module, each with its .tcss beside it."""
