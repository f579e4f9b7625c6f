-- Wrangling the telco churn data: filter, mutate, group, join, reshape and
-- windows, each computed in C.   lunette examples/wrangling.lua
local churn = read_csv(arg[1] or "examples/data/telco_churn.csv")

-- Long-standing customers on a contract, with their average monthly revenue.
local loyal = churn
  :filter"tenure >= 24 and contract ~= 'Month-to-month'"
  :mutate{ arpu = col"total_charges" / col"tenure" }
print(loyal:select("contract", "tenure", "arpu"):head(3))

-- Churn by contract and internet service, highest first.
local rates = churn:group_by("contract", "internet_service"):agg{
  { "n", count() },
  { "rate", col"churn":eq("Yes"):mean() },
  { "spend", col"monthly_charges":median() },
}
print(rates:sort(desc"rate"))

-- A lookup table joined on, then a cross table with margins.
local fees = frame{ contract = { "Month-to-month", "One year", "Two year" },
                    fee = { 0, 25, 50 } }
local priced = churn:join(fees, { on = "contract", how = "left" })
print(priced:group_by("fee"):agg{ customers = count(), fees = col"fee":sum() })
print(churn:crosstab("contract", "churn", { margins = true }))

-- Tenure bands, and each customer's charges against their band's median.
local banded = churn
  :mutate{ band = when(col"tenure":lt(12), "new", col"tenure":lt(48), "settled", "loyal") }
  :group_by("band")
  :mutate{ vs_band = col"monthly_charges" - col"monthly_charges":median() }
print(banded:select("band", "monthly_charges", "vs_band"):head(3))

-- Monthly air passengers: a three-month moving average and the change on a year before.
local air = read_csv("examples/data/air_passengers.csv")
print(air:mutate{ ma3 = col"passengers":rolling_mean(3), yoy = col"passengers":diff(12) }:tail(3))
