-- Plots of the example data in the terminal, and one saved for a slide.
--   lunette examples/plots.lua [output directory]
-- In the REPL a figure prints itself; in a script, plot() draws it.
local churn = read_csv("examples/data/telco_churn.csv")
local air = read_csv("examples/data/air_passengers.csv")
local penguins = read_csv("examples/data/penguins.csv")
local out = arg[1] or "."

-- Monthly charges of the customers who left and who stayed, 30 bins.
plot(plot.hist(churn.monthly_charges, { by = churn.churn, bins = 30 })
  :title("Monthly charges by churn"))

-- Total charges grow with tenure; one colour per contract.
plot(plot.scatter(churn, "tenure", "total_charges", { color = "contract" }))

-- Airline passengers 1949-1960: trend and seasonality, on a log scale.
plot(plot.line(air, "month", "passengers"):log_y():title("Air passengers"))

-- Body mass by species, as boxes, and the churn rate as a heatmap.
plot(plot.box(penguins, "body_mass_g", { by = "species" }))
plot(plot.heatmap(churn:crosstab("contract", "churn", { normalize = "index" }),
  { fmt = "%.2f", title = "Churn by contract" }))

-- How customers pay, drawn and saved as a PNG for a report.
local fig = plot.bar(churn.payment_method:counts()):title("Payment method")
plot(fig)
save(fig, out .. "/payment.png", { width = 1200, height = 800 })
print("saved " .. out .. "/payment.png")
