/* The CSV reader: quoting, line ends, positions, and its one error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "model/csv.h"

static void test_quotes_line_ends_and_positions(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBFid,name\r\n"
                       "s1,\"Tran, \"\"Binh\"\"\"\r\n"
                       "\n"
                       "s2,\"two\nlines\"\n"
                       "s3,\xC3\x89lise";
    rp_csv *csv;
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_csv_open_string("roster.csv", text, &csv), RP_OK);
    const rp_csv_row *row;
    assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK);
    assert_int_equal(row->n_cells, 2);
    assert_string_equal(row->cells[0].text, "id");
    assert_int_equal(rp_csv_column(row, "name"), 1);
    assert_int_equal(rp_csv_column(row, "nam"), -1);

    assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK);
    assert_string_equal(row->cells[1].text, "Tran, \"Binh\"");
    assert_int_equal(row->cells[1].line, 2);
    assert_int_equal(row->cells[1].column, 4);

    assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK); /* the blank line is skipped */
    assert_int_equal(row->line, 4);
    assert_string_equal(row->cells[1].text, "two\nlines");

    assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK);
    assert_int_equal(row->line, 6);
    assert_string_equal(row->cells[1].text, "\xC3\x89lise");

    assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK);
    assert_null(row);
    assert_int_equal(d.count, 0);
    rp_csv_close(&csv);
    assert_null(csv);
}

static void test_unterminated_quote_is_reported_where_it_opens(void **state)
{
    (void)state;
    rp_csv *csv;
    rp_diags d;
    rp_diags_init(&d);
    assert_int_equal(rp_csv_open_string("plan.csv", "a,b\nx,\"open\n", &csv), RP_OK);
    const rp_csv_row *row;
    assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK);
    assert_int_equal(rp_csv_next(csv, &row, &d), RP_ERR_INVALID);
    char line[256];
    rp_diag_format(&d.items[0], line, sizeof line);
    assert_string_equal(line, "plan.csv:2:3: error: quoted cell is never closed (a \" is missing)");
    rp_diags_clear(&d);
    rp_csv_close(&csv);
}

/* A spreadsheet in a locale with a decimal comma writes ';' between cells;
 * lists inside a cell are then quoted. Detection consumes no row. */
static void test_semicolon_and_tab_separators_are_detected(void **state)
{
    (void)state;
    const struct {
        const char *text;
        char sep;
        const char *name, *unavailable; /* the second row's cells */
    } cases[] = {
        {"id;name;unavailable\nS1;\"Tran, Binh\";\"1;3\"\n", ';', "Tran, Binh", "1;3"},
        {"id\tname\tunavailable\nS1\tTran, Binh\t1;3\n", '\t', "Tran, Binh", "1;3"},
        {"id,name,unavailable\nS1,\"Tran; Binh\",1;3\n", ',', "Tran; Binh", "1;3"},
        /* separators inside quotes do not count */
        {"\"a;b;c\",name,unavailable\nS1,Binh,\"1;3\"\n", ',', "Binh", "1;3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rp_csv *csv;
        rp_diags d;
        rp_diags_init(&d);
        assert_int_equal(rp_csv_open_string("roster.csv", cases[i].text, &csv), RP_OK);
        assert_int_equal(rp_csv_detect_separator(csv), cases[i].sep);
        const rp_csv_row *row;
        assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK);
        assert_int_equal(row->line, 1);
        assert_int_equal(row->n_cells, 3);
        assert_int_equal(rp_csv_next(csv, &row, &d), RP_OK);
        assert_int_equal(row->n_cells, 3);
        assert_string_equal(row->cells[1].text, cases[i].name);
        assert_string_equal(row->cells[2].text, cases[i].unavailable);
        rp_csv_close(&csv);
        rp_diags_clear(&d);
    }
    rp_csv *csv;
    assert_int_equal(rp_csv_open_string("one.csv", "id\nS1\n", &csv), RP_OK);
    assert_int_equal(rp_csv_detect_separator(csv), ','); /* nothing to tell: the default */
    rp_csv_close(&csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quotes_line_ends_and_positions),
        cmocka_unit_test(test_unterminated_quote_is_reported_where_it_opens),
        cmocka_unit_test(test_semicolon_and_tab_separators_are_detected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
