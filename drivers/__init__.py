"""Printer drivers, one package per printer family, each with a simulator of the device side."""
