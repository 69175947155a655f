"""What the office exchanges with the site in Word and Excel: reports, spreadsheet templates and imports."""
