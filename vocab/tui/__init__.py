"""The Textual app: home screen, review screen and their modals."""
