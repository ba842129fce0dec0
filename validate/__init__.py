"""Validators we did not write, run over every page and output of the demo forum (`make validate`)."""
