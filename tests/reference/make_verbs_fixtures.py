#!/usr/bin/python3
"""Fixtures of tests/reference/test_verbs.lua: pandas' results of group-by
aggregates, a grouped mutate, count, and a filter + multi-key sort on
examples/data/telco_churn.csv.

    /usr/bin/python3 tests/reference/make_verbs_fixtures.py

Made with pandas 1.5.3 (Debian's python3-pandas).  Writes verbs_*.csv next
to this script, floats with 17 significant digits so that they read back
as the same doubles.
"""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "examples", "data", "telco_churn.csv")


def write(df, name):
    df.to_csv(os.path.join(HERE, name), index=False, float_format="%.17g")


def main():
    d = pd.read_csv(DATA)
    d["churned"] = d["churn"] == "Yes"

    # group_by(contract, internet_service):agg{...}: sorted keys, as dplyr
    g = d.groupby(["contract", "internet_service"], sort=True)
    agg = pd.DataFrame({
        "n": g.size(),
        "billed": g["total_charges"].count(),
        "rate": g["churned"].mean(),
        "spend_mean": g["monthly_charges"].mean(),
        "spend_median": g["monthly_charges"].median(),
        "spend_std": g["monthly_charges"].std(),
        "total_sum": g["total_charges"].sum(),
        "total_mean": g["total_charges"].mean(),
        "total_var": g["total_charges"].var(),
        "total_min": g["total_charges"].min(),
        "total_max": g["total_charges"].max(),
        "total_q90": g["total_charges"].quantile(0.9),
        "tenure_sum": g["tenure"].sum(),
        "methods": g["payment_method"].nunique(),
        "first_pay": g["payment_method"].first(),
        "last_pay": g["payment_method"].last(),
    }).reset_index()
    write(agg, "verbs_agg.csv")

    # group_by(payment_method):mutate{ dev, share } then the columns compared
    gm = d.groupby("payment_method")["monthly_charges"]
    mut = pd.DataFrame({
        "payment_method": d["payment_method"],
        "dev": d["monthly_charges"] - gm.transform("mean"),
        "share": d["monthly_charges"] / gm.transform("sum"),
    })
    write(mut, "verbs_mutate.csv")

    # count(contract, payment_method): keys in sorted order and n
    cnt = d.groupby(["contract", "payment_method"], sort=True).size().reset_index(name="n")
    write(cnt, "verbs_count.csv")

    # filter"tenure > 12 and contract ~= 'Month-to-month'" then
    # sort{ "contract", desc"monthly_charges" }: stable, as lunette's sort
    f = d[(d["tenure"] > 12) & (d["contract"] != "Month-to-month")]
    f = f.sort_values(["contract", "monthly_charges"], ascending=[True, False], kind="stable")
    write(f[["contract", "monthly_charges", "tenure", "total_charges", "payment_method"]],
          "verbs_filter_sort.csv")


if __name__ == "__main__":
    main()
