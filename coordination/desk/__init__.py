"""Each person's desk: the worklist of the home page (Beranda) and the menu."""
