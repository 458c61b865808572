// expect: code/sql-injection
import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

export async function GET(request: NextRequest) {
  const name = request.nextUrl.searchParams.get('name');
  const users = await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE name = '${name}'`);
  return NextResponse.json(users);
}
