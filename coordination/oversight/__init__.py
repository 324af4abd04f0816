"""Who coordinates whom on a given day (routes, take-overs, Perbup Kutai Kartanegara 4/2018
Pasal 14) and urgent decisions taken without a meeting (Pasal 10)."""
