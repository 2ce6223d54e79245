"""Widgets and text building shared by the screens."""
