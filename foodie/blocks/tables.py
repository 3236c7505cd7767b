from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock


class TableBlock(WagtailTableBlock):
    """A simple data table (conversions, timings) with an optional header row and caption."""

    class Meta:
        template = "blocks/table_block.html"
        icon = "table"
        label = "Table"
        group = "Data"
        description = "A small table such as a conversion chart or a timing guide."
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": "Oven temperatures",
            "data": [["Gas mark", "°C", "°F"], ["4", "180", "350"], ["6", "200", "400"]],
        }
