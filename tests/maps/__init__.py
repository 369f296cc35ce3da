"""Tests of the maps layer."""
