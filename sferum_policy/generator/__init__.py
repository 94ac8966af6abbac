"""The generator: the clause library run the other way — a profile in, a ready-to-sign act out."""
