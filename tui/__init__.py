"""readout: a keyboard-first terminal reader for diplomatic readouts."""
