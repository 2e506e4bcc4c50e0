"""Placeholder: filled in by its issue."""


def register(app):
    return None
