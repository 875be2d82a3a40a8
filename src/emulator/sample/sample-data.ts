// The sample dataset's rows, generated from a fixed seed so every load is identical.

export const SAMPLE_SEED = 20240528;
export const SAMPLE_COUNTS = { customers: 300, products: 60, orders: 1500 } as const;

export type SampleRow = (string | number | null)[];

export interface SampleTable {
  name: string;
  createSql: string;
  columns: string[];
  rows: SampleRow[];
}

/** mulberry32: a small, fast, deterministic PRNG. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  "Ada",
  "Ben",
  "Chen",
  "Dara",
  "Elif",
  "Femi",
  "Gita",
  "Hiro",
  "Ines",
  "Jon",
  "Kai",
  "Lena",
  "Mira",
  "Noah",
  "Olu",
  "Pia",
  "Ravi",
  "Sara",
  "Tomas",
  "Uma",
  "Vera",
  "Wei",
  "Yara",
  "Zoe",
];
const LAST_NAMES = [
  "Abe",
  "Brown",
  "Costa",
  "Diaz",
  "Eriksen",
  "Fischer",
  "Garcia",
  "Haddad",
  "Ito",
  "Jensen",
  "Khan",
  "Li",
  "Moreau",
  "Nowak",
  "Okafor",
  "Park",
  "Rossi",
  "Silva",
  "Tanaka",
  "Weber",
];
const COUNTRIES = ["US", "DE", "JP", "BR", "IN", "FR", "GB", "CN", "NG", "SE"];
const CATEGORIES: Record<string, string[]> = {
  books: ["Field Guide", "Cookbook", "Atlas", "Novel", "Handbook"],
  electronics: ["Headphones", "Keyboard", "Charger", "Monitor", "Speaker"],
  garden: ["Trowel", "Hose", "Planter", "Seed Kit", "Gloves"],
  kitchen: ["Kettle", "Pan", "Knife", "Grinder", "Teapot"],
};
const ADJECTIVES = ["Classic", "Compact", "Deluxe", "Eco", "Pro", "Travel"];
const STATUSES = ["pending", "paid", "shipped", "delivered", "cancelled"];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function timestamp(base: number, random: () => number, spanDays: number): string {
  const ms = base + Math.floor(random() * spanDays * 86_400_000);
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

function money(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

export function sampleTables(): SampleTable[] {
  const random = randomSource(SAMPLE_SEED);
  const start = Date.UTC(2024, 0, 1);

  const customers: SampleRow[] = [];
  for (let id = 1; id <= SAMPLE_COUNTS.customers; id++) {
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    customers.push([
      id,
      `${first} ${last}`,
      `${first.toLowerCase()}.${last.toLowerCase()}${id}@example.com`,
      pick(random, COUNTRIES),
      timestamp(start, random, 365),
    ]);
  }

  const products: SampleRow[] = [];
  const categoryNames = Object.keys(CATEGORIES);
  for (let id = 1; id <= SAMPLE_COUNTS.products; id++) {
    const category = categoryNames[(id - 1) % categoryNames.length] ?? "books";
    const nouns = CATEGORIES[category] ?? [];
    // The n-th product of a category: every (adjective, noun) pair once, so names are unique.
    const nth = Math.floor((id - 1) / categoryNames.length);
    const name = `${ADJECTIVES[Math.floor(nth / nouns.length) % ADJECTIVES.length]} ${nouns[nth % nouns.length]}`;
    products.push([
      id,
      `SKU-${String(id).padStart(5, "0")}`,
      name,
      category,
      money(5 + random() * 195),
      Math.floor(random() * 500),
    ]);
  }

  const orders: SampleRow[] = [];
  const orderItems: SampleRow[] = [];
  for (let id = 1; id <= SAMPLE_COUNTS.orders; id++) {
    const lines = 1 + Math.floor(random() * 4);
    let total = 0;
    for (let line = 0; line < lines; line++) {
      const product = products[Math.floor(random() * products.length)] ?? [];
      const quantity = 1 + Math.floor(random() * 5);
      const unitPrice = Number(product[4]);
      total += unitPrice * quantity;
      orderItems.push([orderItems.length + 1, id, Number(product[0]), quantity, money(unitPrice)]);
    }
    orders.push([
      id,
      1 + Math.floor(random() * SAMPLE_COUNTS.customers),
      pick(random, STATUSES),
      timestamp(start + 30 * 86_400_000, random, 330),
      money(total),
    ]);
  }

  return [
    {
      name: "customers",
      createSql:
        "CREATE TABLE customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL UNIQUE, country CHAR(2) NOT NULL, created_at DATETIME NOT NULL, KEY idx_customers_country (country))",
      columns: ["id", "name", "email", "country", "created_at"],
      rows: customers,
    },
    {
      name: "products",
      createSql:
        "CREATE TABLE products (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(32) NOT NULL UNIQUE, name VARCHAR(200) NOT NULL, category VARCHAR(50) NOT NULL, price DECIMAL(10,2) NOT NULL, stock INT NOT NULL, KEY idx_products_category (category))",
      columns: ["id", "sku", "name", "category", "price", "stock"],
      rows: products,
    },
    {
      name: "orders",
      createSql:
        "CREATE TABLE orders (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(20) NOT NULL, ordered_at DATETIME NOT NULL, total DECIMAL(12,2) NOT NULL, KEY idx_orders_customer (customer_id), KEY idx_orders_status (status))",
      columns: ["id", "customer_id", "status", "ordered_at", "total"],
      rows: orders,
    },
    {
      name: "order_items",
      createSql:
        "CREATE TABLE order_items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, order_id INT NOT NULL, product_id INT NOT NULL, quantity INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL, KEY idx_order_items_order (order_id), KEY idx_order_items_product (product_id))",
      columns: ["id", "order_id", "product_id", "quantity", "unit_price"],
      rows: orderItems,
    },
  ];
}
