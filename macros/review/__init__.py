"""Reviewing a pull request: what readers will see change between main's build and the pull request's."""
