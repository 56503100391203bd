/*
 * columns — the columns of statement results that more than one file
 * reads, by name: a reader never counts columns (sql.c holds the
 * statements; keep each enum in the order of its SELECT).
 */
#ifndef PORTAL_COLUMNS_H
#define PORTAL_COLUMNS_H

/* Columns of ST_REQUEST_GET. */
enum { RQ_ID, RQ_KIND, RQ_PROFESSION, RQ_ORG_ID, RQ_ORG, RQ_PROF_ID,
	RQ_PROF, RQ_TPL, RQ_TPL_VERSION, RQ_QUESTION, RQ_REQUESTED, RQ_DUE,
	RQ_STATUS, RQ_ASSESSMENT, RQ_REFERENCE, RQ_GIVEN, RQ_FAMILY, RQ_DOB,
	RQ_YEAR, RQ_SETTING, RQ_CASEWORKER, RQ_COUNCIL };
/* Columns of ST_ADVICE_LATEST / ST_ADVICE_VERSION. */
enum { AD_ID, AD_VERSION, AD_STATUS, AD_TPL, AD_TPL_VERSION, AD_DECL_NAME,
	AD_DECL_ROLE, AD_DECL_REG, AD_DECL_DATE, AD_RETURN, AD_SAVED,
	AD_SUBMITTED };

#endif
