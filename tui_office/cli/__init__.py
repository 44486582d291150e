"""Provides the command-line interface: thin commands that parse, call services and print."""
