"""The office's spreadsheets: `bontot template` writes a workbook to fill in, `bontot import` reads it back into data/."""
