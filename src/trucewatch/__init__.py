"""trucewatch."""
