"""Demo data for `make run`: a realistic roster of officials and demo users for each region."""
