"""What the office exchanges with the site in Excel and Word: `bontot template` writes a workbook to fill in,
`bontot import` reads it back into data/, `bontot report` writes the sơ kết / tổng kết report."""
