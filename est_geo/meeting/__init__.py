"""The meeting: lägesbild, handlingsplan, its maps and the PDF report."""
