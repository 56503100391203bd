typedef int import_sql_placeholder;
